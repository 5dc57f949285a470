// title: Evidence for a partnership
// question: Which articles and sentences stand behind every fact about the partnership of two parties?
// param a: one party's id or name; example "China"
// param b: the other party's id or name; example "Belarus"
MATCH (x) WHERE (x:State OR x:Organization) AND (x.id = $a OR toLower(x.name) = toLower($a))
MATCH (y) WHERE (y:State OR y:Organization) AND (y.id = $b OR toLower(y.name) = toLower($b))
MATCH (c:Claim)-[:ABOUT]->(x), (c)-[:ABOUT]->(y)
MATCH (c)-[e:SOURCED_FROM]->(art:Article)
RETURN c.kind AS kind, c.level AS level, c.change AS change, art.source AS source,
       art.published AS published, e.start AS start, e.end AS end, c.evidence_text AS sentence, c.rule AS rule
ORDER BY art.published, art.source, c.kind, e.start, c.id
