// title: What changed between two dates
// question: Which partnerships were established, upgraded, downgraded or ended after one date and up to another, and which events happened then?
// param from: the earlier day (ISO), not included; example "2023-01-01"
// param to: the later day (ISO), included; example "2024-01-01"
CALL () {
  MATCH (a)-[p:PARTNERSHIP]->(b)
  WHERE p.valid_from > date($from) AND p.valid_from <= date($to)
  // before: the level a report gives as the earlier one; an upgrade or downgrade with none says so
  RETURN p.valid_from AS date, p.change AS what, [a.id, b.id] AS parties, p.level AS detail,
         coalesce(p.previous_level,
                  CASE WHEN p.change IN ['upgrade', 'downgrade'] THEN 'earlier level not recorded' END) AS before
  UNION ALL
  MATCH (a)-[p:PARTNERSHIP]->(b)
  WHERE p.valid_to > date($from) AND p.valid_to <= date($to)
    AND NOT EXISTS { MATCH (a)-[n:PARTNERSHIP]->(b) WHERE n.valid_from = p.valid_to }
  RETURN p.valid_to AS date, 'end' AS what, [a.id, b.id] AS parties, p.level AS detail, p.level AS before
  UNION ALL
  MATCH (e:Event)
  WHERE e.date > date($from) AND e.date <= date($to)
  RETURN e.date AS date, 'event' AS what, e.parties AS parties, e.kind + coalesce(' in ' + e.place, '') AS detail, null AS before
}
RETURN date, what, parties, detail, before
ORDER BY date, what, parties
