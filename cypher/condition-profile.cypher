// condition-profile
// A condition's profile: its treatments and risk factors, then its genes, proteins, pathways, hormones, organs,
// biomarkers and lab tests, each with the evidence on the fact; the best supported of each category first.
//
// Parameters:
//   :param name => 'Sarcopenia'
//   :param limit => 10      optional: at most this many rows per category
//
// Columns:
//   category        'treatment' (the garden says it helps), 'risk factor' (it harms), or the linked
//                   entity's type (gene, pathway, biomarker, ...)
//   name            the linked entity
//   relationship    the relationship type, and
//   direction       'out' (the condition is its source) or 'in'
//   evidence_level  the fact's evidence level, where the notes give one (each, where notes differ)
//   source          the fact's source (PrimeKG, curated, ...), where given
//   annotation      what the notes say about it
//   sources         the notes that state it
//   in_category     how many the category holds in all
CALL db.index.fulltext.queryNodes('entity_keys', '"' + reduce(k = '', c IN [c IN split(replace(toLower(normalize($name, NFKC)), 'ς', 'σ'), '')
     WHERE NOT ' \t\n\r_-‐‑‒–—―"\\' CONTAINS c] | k + c) + '"') YIELD node AS condition
MATCH (condition)-[r]-(x:Entity) WHERE x <> condition
WITH condition, r, x, startNode(r) = condition AS outgoing
WITH r, x, outgoing, CASE
       WHEN NOT outgoing AND r.clinical_effect = 'helps' THEN 'treatment'
       WHEN NOT outgoing AND r.clinical_effect = 'harms' THEN 'risk factor'
       ELSE coalesce(x.type, 'untyped')
     END AS category
ORDER BY category, reduce(m = 0, v IN CASE WHEN r.evidence_level IS :: LIST<ANY> NOT NULL THEN r.evidence_level
                          ELSE [r.evidence_level] END | CASE WHEN v > m THEN v ELSE m END) DESC, size(coalesce(r.sources, [])) DESC, x.name, type(r)
WITH category, collect({r: r, x: x, outgoing: outgoing}) AS linked
UNWIND range(0, size(linked) - 1)[0..$limit] AS i
WITH category, linked, i, linked[i] AS row
RETURN category, row.x.name AS name, type(row.r) AS relationship, CASE WHEN row.outgoing THEN 'out' ELSE 'in' END AS direction,
       row.r.evidence_level AS evidence_level, row.r.source AS source, row.r.annotation AS annotation,
       row.r.sources AS sources, size(linked) AS in_category
ORDER BY CASE category WHEN 'treatment' THEN 0 WHEN 'risk factor' THEN 1 ELSE 2 END, category, i
