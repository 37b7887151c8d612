// hubs-and-islands
// The five most connected notes of each type, and the notes with no relationship at all.
//
// Parameters: none
//
// Columns:
//   kind     'hub' or 'island'
//   type     the entity type
//   name     the note
//   degree   how many relationships it has
//   file     the note's file
MATCH (e:Entity) WHERE e.stub IS NULL
WITH e, COUNT { (e)--() } AS degree
ORDER BY degree DESC, e.name
WITH e.type AS type, collect({e: e, degree: degree}) AS ranked
UNWIND ranked[0..5] AS hub
WITH type, hub WHERE hub.degree > 0
RETURN 'hub' AS kind, type, hub.e.name AS name, hub.degree AS degree, hub.e.file AS file
UNION ALL
MATCH (e:Entity) WHERE e.stub IS NULL AND NOT (e)--()
RETURN 'island' AS kind, e.type AS type, e.name AS name, 0 AS degree, e.file AS file
