// pathway-members
// Members of a pathway: the entities that participate in it or are part of it, by type.
//
// Parameters:
//   :param name => 'mTOR Pathway'
//
// Columns:
//   type          the member's entity type
//   name          the member
//   relationship  how the garden links it (PARTICIPATES_IN or PART_OF)
//   sources       the notes that state it
MATCH (pathway:Entity)
WHERE pathway.id = $name OR toLower(pathway.name) = toLower($name)
   OR any(alias IN coalesce(pathway.aliases, []) WHERE toLower(alias) = toLower($name))
MATCH (member:Entity)-[r:PARTICIPATES_IN|PART_OF]->(pathway)
RETURN coalesce(member.type, 'untyped') AS type, member.name AS name, type(r) AS relationship, r.sources AS sources
ORDER BY type, name
