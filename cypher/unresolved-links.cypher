// unresolved-links
// Stub targets (links to notes that do not exist yet), ranked by how many notes mention them: what to write next.
//
// Parameters: none
//
// Columns:
//   name       the stub
//   type       its type, when a relationship's range or a list hint gave one
//   notes      how many notes link to it
//   mentioned  those notes (the first ten)
MATCH (stub:Entity {stub: true})-[r]-()
UNWIND r.sources AS file
WITH stub, collect(DISTINCT file) AS files
RETURN stub.name AS name, stub.type AS type, size(files) AS notes, files[0..10] AS mentioned
ORDER BY notes DESC, name
LIMIT 100
