// title: Partnership network as of a date
// question: Which partnerships held on a given date, strongest first?
// param date: the day (ISO); example "2023-01-01"
MATCH (a)-[p:PARTNERSHIP]->(b)
WHERE p.valid_from <= date($date) AND (p.valid_to IS NULL OR date($date) < p.valid_to)
RETURN a.id AS a, a.name AS a_name, b.id AS b, b.name AS b_name, p.level AS level, p.rank AS rank,
       p.valid_from AS since
ORDER BY p.rank DESC, a.id, b.id
