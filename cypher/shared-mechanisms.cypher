// shared-mechanisms
// What two conditions share: genes, proteins, pathways, hormones and biomarkers linked to both, the best
// supported first.
//
// Parameters:
//   :param a => 'Type 2 Diabetes'
//   :param b => 'Cancer'
//   :param limit => 50      optional: at most this many rows
//
// Columns:
//   type     the shared entity's type
//   name     the shared entity
//   with_a   how it is linked to a (relationship types)
//   with_b   how it is linked to b
//   total    how many there are in all
CALL db.index.fulltext.queryNodes('entity_keys', '"' + reduce(k = '', c IN [c IN split(replace(toLower(normalize($a, NFKC)), 'ς', 'σ'), '')
     WHERE NOT ' \t\n\r_-‐‑‒–—―"\\' CONTAINS c] | k + c) + '"') YIELD node AS a
CALL db.index.fulltext.queryNodes('entity_keys', '"' + reduce(k = '', c IN [c IN split(replace(toLower(normalize($b, NFKC)), 'ς', 'σ'), '')
     WHERE NOT ' \t\n\r_-‐‑‒–—―"\\' CONTAINS c] | k + c) + '"') YIELD node AS b
WITH a, b WHERE a <> b
MATCH (a)-[ra]-(x:Gene|Protein|Pathway|Hormone|Biomarker|Metabolite|Neurotransmitter)-[rb]-(b)
WITH x, collect(DISTINCT type(ra)) AS with_a, collect(DISTINCT type(rb)) AS with_b,
     sum(size(coalesce(ra.sources, [])) + size(coalesce(rb.sources, []))) AS support
ORDER BY support DESC, x.type, x.name
WITH collect({x: x, with_a: with_a, with_b: with_b}) AS found
UNWIND found[0..$limit] AS row
RETURN row.x.type AS type, row.x.name AS name, row.with_a AS with_a, row.with_b AS with_b, size(found) AS total
