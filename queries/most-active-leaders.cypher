// title: Who attended most events
// question: Which leaders attended the most events, and with how many different parties?
// param limit: how many to show; example "10"
MATCH (l:Leader)-[:ATTENDED]->(e:Event)
OPTIONAL MATCH (e)-[:INVOLVES]->(party)
WHERE party.id <> l.state
RETURN l.id AS leader_id, l.name AS leader, l.state AS state, count(DISTINCT e) AS events,
       count(DISTINCT party) AS counterparts, min(e.date) AS first, max(e.date) AS last
ORDER BY events DESC, leader_id
LIMIT toInteger($limit)
