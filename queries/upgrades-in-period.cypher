// title: Upgrades in a period
// question: Which partnerships were established or upgraded between two dates, in date order?
// param from: first day (ISO); example "2022-01-01"
// param to: last day (ISO); example "2023-12-31"
MATCH (a)-[p:PARTNERSHIP]->(b)
WHERE p.change IN ['establish', 'upgrade']
  AND p.valid_from >= date($from) AND p.valid_from <= date($to)
// previous_level: the level a report gives as the earlier one; an upgrade with none says so
RETURN a.id AS a, a.name AS a_name, b.id AS b, b.name AS b_name, p.level AS level, p.rank AS rank,
       p.change AS change,
       coalesce(p.previous_level, CASE WHEN p.change = 'upgrade' THEN 'earlier level not recorded' END)
         AS previous_level,
       p.valid_from AS date, p.sources AS sources
ORDER BY p.valid_from, a.id, b.id
