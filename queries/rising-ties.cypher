// title: Ties that rose most in a period
// question: Which partnerships climbed the most ranks of the ladder between two dates (0 where there was none)?
// param from: first day (ISO); example "2023-01-01"
// param to: last day (ISO); example "2023-12-31"
MATCH (a)-[p:PARTNERSHIP]->(b)
WHERE p.valid_from <= date($to) AND (p.valid_to IS NULL OR date($to) < p.valid_to)
OPTIONAL MATCH (a)-[q:PARTNERSHIP]->(b)
WHERE q.valid_from <= date($from) AND (q.valid_to IS NULL OR date($from) < q.valid_to)
WITH a, b, p, q
WHERE p.rank > coalesce(q.rank, 0)
RETURN a.id AS a, a.name AS a_name, b.id AS b, b.name AS b_name, q.level AS level_before,
       coalesce(q.rank, 0) AS rank_before, p.level AS level_after, p.rank AS rank_after,
       p.rank - coalesce(q.rank, 0) AS rise
ORDER BY rise DESC, a.id, b.id
