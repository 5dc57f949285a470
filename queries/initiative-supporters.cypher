// title: Supporters of an initiative
// question: Which states and organisations have stated support for an initiative, since when, on what sources?
// param initiative: the initiative's id or name; example "Global Development Initiative"
MATCH (i:Initiative)
WHERE i.id = $initiative OR toLower(i.name) = toLower($initiative)
MATCH (s)-[r:SUPPORTS]->(i)
RETURN s.id AS supporter_id, s.name AS supporter, i.name AS initiative, r.since AS since, r.source_paths AS sources
ORDER BY s.id
