// pathway-crosstalk
// Crosstalk between two pathways: direct facts between them, members they share, and regulators of both,
// each regulator with the direction in which it moves each pathway.
//
// Parameters:
//   :param a => 'mTOR Pathway'
//   :param b => 'Autophagy'
//   :param limit => 50      optional: at most this many rows
//
// Columns:
//   kind     'direct link', 'shared member' or 'shared regulator'
//   name     the linking relationship (direct link) or the shared entity
//   type     the shared entity's type (empty for a direct link)
//   detail   how it connects to a and to b
//   total    how many there are in all
CALL db.index.fulltext.queryNodes('entity_keys', '"' + reduce(k = '', c IN [c IN split(replace(toLower(normalize($a, NFKC)), 'ς', 'σ'), '')
     WHERE NOT ' \t\n\r_-‐‑‒–—―"\\' CONTAINS c] | k + c) + '"') YIELD node AS a
CALL db.index.fulltext.queryNodes('entity_keys', '"' + reduce(k = '', c IN [c IN split(replace(toLower(normalize($b, NFKC)), 'ς', 'σ'), '')
     WHERE NOT ' \t\n\r_-‐‑‒–—―"\\' CONTAINS c] | k + c) + '"') YIELD node AS b
WITH a, b WHERE a <> b
CALL (a, b) {
  MATCH (a)-[r]-(b)
  RETURN 'direct link' AS kind, type(r) AS name, null AS type,
         startNode(r).name + ' -' + type(r) + '-> ' + endNode(r).name AS detail, 0 AS rank
  UNION
  MATCH (a)<-[:PARTICIPATES_IN|PART_OF]-(m:Entity)-[:PARTICIPATES_IN|PART_OF]->(b)
  RETURN 'shared member' AS kind, m.name AS name, m.type AS type, 'member of both' AS detail, 1 AS rank
  UNION
  MATCH (a)<-[ra:ACTIVATES|INHIBITS|UPREGULATES|DOWNREGULATES|INCREASES|DECREASES|DEGRADES|PRODUCES|REGULATES|AFFECTS WHERE ra.sign IS NOT NULL]-(g:Entity)-[rb:ACTIVATES|INHIBITS|UPREGULATES|DOWNREGULATES|INCREASES|DECREASES|DEGRADES|PRODUCES|REGULATES|AFFECTS WHERE rb.sign IS NOT NULL]->(b)
  RETURN 'shared regulator' AS kind, g.name AS name, g.type AS type,
         (CASE ra.sign WHEN 1 THEN 'increases ' ELSE 'decreases ' END) + a.name + ', ' +
         (CASE rb.sign WHEN 1 THEN 'increases ' ELSE 'decreases ' END) + b.name AS detail, 2 AS rank
}
WITH kind, name, type, detail, rank
ORDER BY rank, name, detail
WITH collect({kind: kind, name: name, type: type, detail: detail}) AS found
UNWIND found[0..$limit] AS row
RETURN row.kind AS kind, row.name AS name, row.type AS type, row.detail AS detail, size(found) AS total
