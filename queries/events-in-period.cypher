// title: Events in a period
// question: Which meetings and talks took place between two dates, where, between whom?
// param from: first day (ISO); example "2023-01-01"
// param to: last day (ISO); example "2023-12-31"
MATCH (e:Event)
WHERE e.date >= date($from) AND e.date <= date($to)
OPTIONAL MATCH (e)-[:INVOLVES]->(party)
OPTIONAL MATCH (leader:Leader)-[:ATTENDED]->(e)
RETURN e.id AS event, e.kind AS kind, e.date AS date, e.place AS place,
       collect(DISTINCT party.id) AS parties, collect(DISTINCT leader.name) AS leaders, e.sources AS sources
ORDER BY date, event
