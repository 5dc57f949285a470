// title: A state's ego network with its events, drawn
// question: A state (or organisation), its partnerships that held on a date and the events it took part in up to then, as a graph.
// param state: the state's id or name; example "China"
// param date: the day (ISO); example "2024-01-01"
MATCH (s)
WHERE (s:State OR s:Organization) AND (s.id = $state OR toLower(s.name) = toLower($state))
CALL (s) {
  MATCH (s)-[p:PARTNERSHIP]-(partner)
  WHERE p.valid_from <= date($date) AND (p.valid_to IS NULL OR date($date) < p.valid_to)
  RETURN p AS link, partner AS node, 0 AS kind
  UNION ALL
  MATCH (e:Event)-[i:INVOLVES]->(s)
  WHERE e.date <= date($date)
  RETURN i AS link, e AS node, 1 AS kind
}
RETURN s AS centre, link, node
ORDER BY centre.id, kind, node.id, link.id
