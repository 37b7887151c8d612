// find-entity
// The entities a name means: matched by id, name or alias, ignoring case (what every query here starts with).
//
// Parameters:
//   :param name => 'Somatomedin C'
//
// Columns:
//   id       the entity's id
//   name     its name
//   type     its type
//   stub     true for a link target that has no note
//   file     its note
MATCH (e:Entity)
WHERE e.id = $name OR toLower(e.name) = toLower($name)
   OR any(alias IN coalesce(e.aliases, []) WHERE toLower(alias) = toLower($name))
RETURN e.id AS id, e.name AS name, e.type AS type, coalesce(e.stub, false) AS stub, e.file AS file
ORDER BY id
