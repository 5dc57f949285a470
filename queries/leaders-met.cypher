// title: Leaders who met a leader
// question: Which leaders attended an event together with a given leader, how often, and when first and last?
// param leader: the leader's id, name or an alias; example "Xi Jinping"
MATCH (l:Leader)
WHERE l.id = $leader OR toLower(l.name) = toLower($leader)
   OR any(alias IN coalesce(l.aliases, []) WHERE toLower(alias) = toLower($leader))
MATCH (l)-[:ATTENDED]->(e:Event)<-[:ATTENDED]-(other:Leader)
WHERE other <> l
RETURN other.id AS leader_id, other.name AS leader, other.state AS state, count(DISTINCT e) AS events,
       min(e.date) AS first, max(e.date) AS last, collect(DISTINCT e.place) AS places
ORDER BY events DESC, first, leader_id
