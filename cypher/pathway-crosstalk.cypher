// pathway-crosstalk
// Crosstalk between two pathways: members they share, regulators they share, and direct links between them.
//
// Parameters:
//   :param a => 'mTOR Pathway'
//   :param b => 'Autophagy'
//
// Columns:
//   kind     'direct link', 'shared member' or 'shared regulator'
//   name     the linking relationship (direct link) or the shared entity
//   type     the shared entity's type (empty for a direct link)
//   detail   how it connects to a and to b
MATCH (a:Entity)
WHERE a.id = $a OR toLower(a.name) = toLower($a)
   OR any(alias IN coalesce(a.aliases, []) WHERE toLower(alias) = toLower($a))
MATCH (b:Entity)
WHERE b.id = $b OR toLower(b.name) = toLower($b)
   OR any(alias IN coalesce(b.aliases, []) WHERE toLower(alias) = toLower($b))
CALL (a, b) {
  MATCH (a)-[r]-(b)
  RETURN 'direct link' AS kind, type(r) AS name, null AS type,
         startNode(r).name + ' -' + type(r) + '-> ' + endNode(r).name AS detail
  UNION
  MATCH (a)<-[:PARTICIPATES_IN|PART_OF]-(m:Entity)-[:PARTICIPATES_IN|PART_OF]->(b)
  RETURN 'shared member' AS kind, m.name AS name, m.type AS type, 'member of both' AS detail
  UNION
  MATCH (a)<-[ra]-(g:Entity)-[rb]->(b)
  WHERE ra.sign IS NOT NULL AND rb.sign IS NOT NULL
  RETURN 'shared regulator' AS kind, g.name AS name, g.type AS type,
         toLower(type(ra)) + ' ' + a.name + ', ' + toLower(type(rb)) + ' ' + b.name AS detail
}
RETURN kind, name, type, detail
ORDER BY kind, name
