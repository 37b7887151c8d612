// conditions-for
// Conditions linked to a pathway or entity: directly, through the pathway's members, or through its regulators.
//
// Parameters:
//   :param name => 'mTOR Pathway'
//
// Columns:
//   condition      the condition
//   via            'direct', 'member' or 'regulator'
//   through        the entity that links it (the entity itself when direct)
//   relationship   the relationship between that entity and the condition
MATCH (e:Entity)
WHERE e.id = $name OR toLower(e.name) = toLower($name)
   OR any(alias IN coalesce(e.aliases, []) WHERE toLower(alias) = toLower($name))
CALL (e) {
  MATCH (e)-[r]-(c:Condition)
  RETURN c, 'direct' AS via, e AS through, r
  UNION
  MATCH (m:Entity)-[:PARTICIPATES_IN|PART_OF]->(e)
  MATCH (m)-[r]-(c:Condition)
  RETURN c, 'member' AS via, m AS through, r
  UNION
  MATCH (g:Entity)-[s]->(e) WHERE s.sign IS NOT NULL
  MATCH (g)-[r]-(c:Condition)
  RETURN c, 'regulator' AS via, g AS through, r
}
WITH c, via, through, r WHERE c <> e
RETURN c.name AS condition, via, through.name AS through, type(r) AS relationship
ORDER BY via, condition, through
