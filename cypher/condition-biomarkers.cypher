// condition-biomarkers
// Biomarkers, lab tests and examinations that detect, measure or indicate a condition: linked to it
// directly, or measuring a biomarker that is.
//
// Parameters:
//   :param name => 'Type 2 Diabetes'
//
// Columns:
//   name            the biomarker, lab test or examination
//   type            biomarker, labtest, labtestpanel or examination
//   relationship    how it is linked (DETECTS, ASSOCIATED_WITH_BIOMARKER, MEASURES, ...)
//   via             the biomarker it measures, when linked through one
//   evidence_level  the edge's evidence level, where the notes give one
MATCH (condition:Entity)
WHERE condition.id = $name OR toLower(condition.name) = toLower($name)
   OR any(alias IN coalesce(condition.aliases, []) WHERE toLower(alias) = toLower($name))
CALL (condition) {
  MATCH (condition)-[r]-(x:Biomarker|LabTest|LabTestPanel|Examination)
  RETURN x, r, null AS via
  UNION
  MATCH (condition)-[:ASSOCIATED_WITH_BIOMARKER|DETECTS|INDICATES]-(marker:Biomarker)<-[r:MEASURES]-(x:Entity)
  RETURN x, r, marker.name AS via
}
RETURN x.name AS name, x.type AS type, type(r) AS relationship, via, r.evidence_level AS evidence_level
ORDER BY type, name, relationship
