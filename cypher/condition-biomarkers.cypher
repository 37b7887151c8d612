// condition-biomarkers
// Biomarkers, lab tests and examinations that detect, measure or indicate a condition: linked to it directly, or
// measuring a biomarker that is. The highest evidence level first.
//
// Parameters:
//   :param name => 'Type 2 Diabetes'
//   :param limit => 50      optional: at most this many rows
//
// Columns:
//   name            the biomarker, lab test or examination
//   type            biomarker, labtest, labtestpanel or examination
//   relationship    how it is linked (DETECTS, ASSOCIATED_WITH_BIOMARKER, MEASURES, ...)
//   via             the biomarker it measures, when linked through one
//   evidence_level  the fact's evidence level, where the notes give one (each, where notes differ)
//   total           how many there are in all
CALL db.index.fulltext.queryNodes('entity_keys', '"' + reduce(k = '', c IN [c IN split(replace(toLower(normalize($name, NFKC)), 'ς', 'σ'), '')
     WHERE NOT ' \t\n\r_-‐‑‒–—―"\\' CONTAINS c] | k + c) + '"') YIELD node AS condition
CALL (condition) {
  MATCH (condition)-[r]-(x:Biomarker|LabTest|LabTestPanel|Examination)
  RETURN x, r, null AS via
  UNION
  MATCH (condition)-[r:ASSOCIATED_WITH_BIOMARKER|DETECTS]-(x:Entity)
  RETURN x, r, null AS via
  UNION
  MATCH (condition)-[:ASSOCIATED_WITH_BIOMARKER|DETECTS|INDICATES]-(marker:Entity)<-[r:MEASURES]-(x:Entity)
  RETURN x, r, marker.name AS via
}
WITH x, r, via WHERE x <> condition
ORDER BY reduce(m = 0, v IN CASE WHEN r.evidence_level IS :: LIST<ANY> NOT NULL THEN r.evidence_level
                ELSE [r.evidence_level] END | CASE WHEN v > m THEN v ELSE m END) DESC, size(coalesce(r.sources, [])) DESC, via IS NOT NULL, x.name, type(r)
WITH collect({x: x, r: r, via: via}) AS found
UNWIND found[0..$limit] AS row
RETURN row.x.name AS name, row.x.type AS type, type(row.r) AS relationship, row.via AS via,
       row.r.evidence_level AS evidence_level, size(found) AS total
