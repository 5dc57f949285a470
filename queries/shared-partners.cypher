// title: Partners two states share
// question: Which parties were partners of both states on a date, at which levels?
// param a: one state's id or name; example "Belarus"
// param b: the other state's id or name; example "Kyrgyzstan"
// param date: the day (ISO); example "2024-01-01"
MATCH (x) WHERE (x:State OR x:Organization) AND (x.id = $a OR toLower(x.name) = toLower($a))
MATCH (y) WHERE (y:State OR y:Organization) AND (y.id = $b OR toLower(y.name) = toLower($b))
MATCH (x)-[p:PARTNERSHIP]-(shared)-[q:PARTNERSHIP]-(y)
WHERE shared <> x AND shared <> y
  AND p.valid_from <= date($date) AND (p.valid_to IS NULL OR date($date) < p.valid_to)
  AND q.valid_from <= date($date) AND (q.valid_to IS NULL OR date($date) < q.valid_to)
RETURN shared.id AS partner_id, shared.name AS partner, p.level AS level_with_a, q.level AS level_with_b,
       p.rank + q.rank AS combined_rank
ORDER BY combined_rank DESC, partner_id
