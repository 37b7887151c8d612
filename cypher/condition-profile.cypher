// condition-profile
// A condition's profile: its genes, proteins, pathways, hormones, organs, biomarkers and lab tests,
// treatments and risk factors, each with the evidence on the edge.
//
// Parameters:
//   :param name => 'Sarcopenia'
//
// Columns:
//   category        treatment, risk factor, or the linked entity's type (gene, pathway, biomarker, ...)
//   name            the linked entity
//   relationship    the relationship type, and
//   direction       'out' (the condition is its source) or 'in'
//   evidence_level  the edge's evidence level, where the notes give one
//   source          the edge's source (PrimeKG, curated, ...), where given
//   annotation      what the notes say about the edge
//   sources         the notes that state it
MATCH (condition:Entity)
WHERE condition.id = $name OR toLower(condition.name) = toLower($name)
   OR any(alias IN coalesce(condition.aliases, []) WHERE toLower(alias) = toLower($name))
MATCH (condition)-[r]-(x:Entity)
WITH condition, r, x, startNode(r) = condition AS outgoing
RETURN CASE
         WHEN NOT outgoing AND type(r) IN ['TREATS', 'IMPROVES', 'PREVENTS'] THEN 'treatment'
         WHEN NOT outgoing AND type(r) IN ['INCREASES_RISK_OF', 'CAUSES'] THEN 'risk factor'
         ELSE coalesce(x.type, 'untyped')
       END AS category,
       x.name AS name, type(r) AS relationship, CASE WHEN outgoing THEN 'out' ELSE 'in' END AS direction,
       r.evidence_level AS evidence_level, r.source AS source, r.annotation AS annotation, r.sources AS sources
ORDER BY category, name, relationship
