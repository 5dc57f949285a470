// title: Partnership network as of a date, drawn
// question: The partnerships that held on a date as a graph (parties and PARTNERSHIP relationships), for Browser's graph view.
// param date: the day (ISO); example "2024-01-01"
MATCH (a)-[p:PARTNERSHIP]->(b)
WHERE p.valid_from <= date($date) AND (p.valid_to IS NULL OR date($date) < p.valid_to)
RETURN a, p, b
ORDER BY p.rank DESC, a.id, b.id
