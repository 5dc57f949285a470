// title: Partnership history of a state
// question: Every partnership interval of a state (or organisation), oldest first: which level with whom, from when to when, and on what evidence.
// param state: the state's id or name; example "Belarus"
MATCH (s)
WHERE (s:State OR s:Organization) AND (s.id = $state OR toLower(s.name) = toLower($state))
MATCH (s)-[p:PARTNERSHIP]-(partner)
RETURN partner.id AS partner_id, partner.name AS partner, p.level AS level, p.rank AS rank,
       p.qualifiers AS qualifiers, p.change AS change, p.valid_from AS valid_from,
       p.valid_to AS valid_to, p.sources AS sources
ORDER BY p.valid_from, partner.id, p.rank
