// title: Highest-ranked partnerships
// question: Which partnership intervals, past or current, reached the highest levels of the ladder?
// param limit: how many to show; example "10"
MATCH (a)-[p:PARTNERSHIP]->(b)
RETURN a.id AS a, a.name AS a_name, b.id AS b, b.name AS b_name, p.level AS level, p.rank AS rank,
       p.valid_from AS valid_from, p.valid_to AS valid_to
ORDER BY p.rank DESC, p.valid_from, a.id, b.id
LIMIT toInteger($limit)
