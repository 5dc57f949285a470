// title: A state's partners by rank as of a date
// question: With whom did a state (or organisation) have a partnership on a given date, highest level first?
// param state: the state's id or name; example "China"
// param date: the day (ISO); example "2024-01-01"
MATCH (s)
WHERE (s:State OR s:Organization) AND (s.id = $state OR toLower(s.name) = toLower($state))
MATCH (s)-[p:PARTNERSHIP]-(partner)
WHERE p.valid_from <= date($date) AND (p.valid_to IS NULL OR date($date) < p.valid_to)
RETURN partner.id AS partner_id, partner.name AS partner, p.level AS level, p.rank AS rank,
       p.qualifiers AS qualifiers, p.valid_from AS since
ORDER BY p.rank DESC, partner.id
