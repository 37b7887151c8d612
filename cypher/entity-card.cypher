// entity-card
// Everything the garden says about one entity: its neighbourhood grouped by relationship type and direction.
//
// Parameters:
//   :param name => 'IGF-1'
//
// Columns:
//   entity        the entity's name
//   type          its type
//   description   its description
//   relationship  a relationship type, and
//   direction     'out' (the entity is its source) or 'in'
//   count         how many neighbours it has that way
//   neighbours    their names
MATCH (e:Entity)
WHERE e.id = $name OR toLower(e.name) = toLower($name)
   OR any(alias IN coalesce(e.aliases, []) WHERE toLower(alias) = toLower($name))
OPTIONAL MATCH (e)-[r]-(x:Entity)
WITH e, r, x ORDER BY x.name
WITH e, type(r) AS relationship, CASE WHEN r IS NULL THEN null WHEN startNode(r) = e THEN 'out' ELSE 'in' END AS direction,
     collect(x.name) AS neighbours
RETURN e.name AS entity, e.type AS type, e.description AS description, relationship, direction,
       size(neighbours) AS count, neighbours
ORDER BY relationship, direction
