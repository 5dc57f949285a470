// title: Shortest partnership path between two states, drawn
// question: The fewest partnerships, all holding on a date, that connect two states, returned as a path for Browser's graph view.
// param a: one state's id or name; example "Belarus"
// param b: the other state's id or name; example "Timor-Leste"
// param date: the day (ISO); example "2024-01-01"
MATCH (x) WHERE (x:State OR x:Organization) AND (x.id = $a OR toLower(x.name) = toLower($a))
MATCH (y) WHERE (y:State OR y:Organization) AND (y.id = $b OR toLower(y.name) = toLower($b))
MATCH path = shortestPath((x)-[:PARTNERSHIP*..8]-(y))
WHERE all(p IN relationships(path) WHERE p.valid_from <= date($date) AND (p.valid_to IS NULL OR date($date) < p.valid_to))
RETURN path
