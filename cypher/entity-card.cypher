// entity-card
// Everything the garden says about one entity: its neighbourhood grouped by relationship type and direction,
// each group's neighbours best supported first.
//
// Parameters:
//   :param name => 'IGF-1'
//   :param limit => 20      optional: at most this many neighbours listed per group
//
// Columns:
//   entity        the entity's name
//   type          its type
//   description   its description
//   relationship  a relationship type, and
//   direction     'out' (the entity is its source) or 'in'
//   count         how many neighbours it has that way
//   neighbours    their names, best supported first (evidence level, then the notes that state it)
CALL db.index.fulltext.queryNodes('entity_keys', '"' + reduce(k = '', c IN [c IN split(replace(toLower(normalize($name, NFKC)), 'ς', 'σ'), '')
     WHERE NOT ' \t\n\r_-‐‑‒–—―"\\' CONTAINS c] | k + c) + '"') YIELD node AS e
OPTIONAL MATCH (e)-[r]-(x:Entity)
WITH e, r, x ORDER BY reduce(m = 0, v IN CASE WHEN r.evidence_level IS :: LIST<ANY> NOT NULL THEN r.evidence_level
                             ELSE [r.evidence_level] END | CASE WHEN v > m THEN v ELSE m END) DESC, size(coalesce(r.sources, [])) DESC, x.name
WITH e, type(r) AS relationship, CASE WHEN r IS NULL THEN null WHEN startNode(r) = e THEN 'out' ELSE 'in' END AS direction,
     collect(x.name) AS neighbours
RETURN e.name AS entity, e.type AS type, e.description AS description, relationship, direction,
       size(neighbours) AS count, neighbours[0..$limit] AS neighbours
ORDER BY entity, e.id, relationship, direction
