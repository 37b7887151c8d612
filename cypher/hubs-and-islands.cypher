// hubs-and-islands
// The five most connected notes of each type, and the notes with no relationship at all.
//
// Parameters:
//   :param limit => 50      optional: at most this many islands
//
// Columns:
//   kind     'hub' or 'island'
//   type     the entity type
//   name     the note
//   degree   how many relationships it has
//   file     the note's file
//   total    how many of its kind there are in all (hubs: the types' top fives; islands: every one)
CALL () {
  MATCH (e:Entity) WHERE e.stub IS NULL
  WITH e, COUNT { (e)--() } AS degree WHERE degree > 0
  ORDER BY degree DESC, e.name
  WITH e.type AS type, collect({e: e, degree: degree})[0..5] AS ranked
  UNWIND ranked AS hub
  RETURN 'hub' AS kind, type, hub.e AS e, hub.degree AS degree
  UNION ALL
  MATCH (e:Entity) WHERE e.stub IS NULL AND NOT (e)--()
  RETURN 'island' AS kind, e.type AS type, e, 0 AS degree
}
WITH kind, type, e, degree ORDER BY kind, type, degree DESC, e.name
WITH kind, collect({type: type, e: e, degree: degree}) AS found
UNWIND found[0..CASE kind WHEN 'hub' THEN size(found) ELSE $limit END] AS row
RETURN kind, row.type AS type, row.e.name AS name, row.degree AS degree, row.e.file AS file, size(found) AS total
ORDER BY kind, type, degree DESC, name
