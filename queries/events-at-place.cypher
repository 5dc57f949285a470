// title: Events at a place
// question: Which meetings and talks were held at a place (a city or venue), in date order?
// param place: the place's id or name; example "Samarkand"
MATCH (pl:Place)
WHERE pl.id = $place OR toLower(pl.name) = toLower($place)
MATCH (e:Event)-[:HELD_IN]->(pl)
OPTIONAL MATCH (e)-[:INVOLVES]->(party)
OPTIONAL MATCH (leader:Leader)-[:ATTENDED]->(e)
RETURN e.id AS event, e.kind AS kind, e.date AS date, pl.name AS place,
       collect(DISTINCT party.id) AS parties, collect(DISTINCT leader.name) AS leaders, e.sources AS sources
ORDER BY date, event
