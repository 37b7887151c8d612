// conditions-for
// Conditions linked to a pathway or entity: directly, through the pathway's members, or through what regulates it.
// Direct links first, then the best supported.
//
// Parameters:
//   :param name => 'mTOR Pathway'
//   :param limit => 50      optional: at most this many rows
//
// Columns:
//   condition      the condition
//   via            'direct', 'member' or 'regulator'
//   through        the entity that links it (the entity itself when direct)
//   relationship   the relationship between that entity and the condition
//   total          how many there are in all
CALL db.index.fulltext.queryNodes('entity_keys', '"' + reduce(k = '', c IN [c IN split(replace(toLower(normalize($name, NFKC)), 'ς', 'σ'), '')
     WHERE NOT ' \t\n\r_-‐‑‒–—―"\\' CONTAINS c] | k + c) + '"') YIELD node AS e
CALL (e) {
  MATCH (e)-[r]-(c:Condition)
  RETURN c, 'direct' AS via, 0 AS rank, e AS through, r
  UNION
  MATCH (m:Entity)-[:PARTICIPATES_IN|PART_OF]->(e)
  MATCH (m)-[r]-(c:Condition)
  RETURN c, 'member' AS via, 1 AS rank, m AS through, r
  UNION
  MATCH (g:Entity)-[s:ACTIVATES|INHIBITS|UPREGULATES|DOWNREGULATES|INCREASES|DECREASES|DEGRADES|PRODUCES|REGULATES|AFFECTS WHERE s.sign IS NOT NULL]->(e)
  MATCH (g)-[r]-(c:Condition)
  RETURN c, 'regulator' AS via, 2 AS rank, g AS through, r
}
WITH e, c, via, rank, through, r WHERE c <> e
ORDER BY rank, reduce(m = 0, v IN CASE WHEN r.evidence_level IS :: LIST<ANY> NOT NULL THEN r.evidence_level
                      ELSE [r.evidence_level] END | CASE WHEN v > m THEN v ELSE m END) DESC, size(coalesce(r.sources, [])) DESC, c.name, through.name
WITH collect({c: c, via: via, through: through, r: r}) AS found
UNWIND found[0..$limit] AS row
RETURN row.c.name AS condition, row.via AS via, row.through.name AS through, type(row.r) AS relationship,
       size(found) AS total
