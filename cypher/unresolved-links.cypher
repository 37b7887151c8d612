// unresolved-links
// Stub targets (links to notes that do not exist yet), ranked by how many notes mention them: what to write next.
//
// Parameters:
//   :param limit => 100     optional: at most this many rows
//
// Columns:
//   name       the stub
//   type       its type, when a relationship's range or a list hint gave one
//   notes      how many notes link to it
//   mentioned  those notes (the first ten)
//   total      how many stubs there are in all
MATCH (stub:Entity {stub: true})
CALL (stub) {
  MATCH (stub)-[r]-()
  UNWIND r.sources AS file
  RETURN collect(DISTINCT file) AS files
}
WITH stub, files ORDER BY size(files) DESC, stub.name
WITH collect({stub: stub, files: files}) AS found
UNWIND found[0..$limit] AS row
RETURN row.stub.name AS name, row.stub.type AS type, size(row.files) AS notes, row.files[0..10] AS mentioned,
       size(found) AS total
