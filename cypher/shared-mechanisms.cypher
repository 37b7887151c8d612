// shared-mechanisms
// What two conditions share: genes, proteins, pathways, hormones and biomarkers linked to both.
//
// Parameters:
//   :param a => 'Type 2 Diabetes'
//   :param b => 'Cancer'
//
// Columns:
//   type     the shared entity's type
//   name     the shared entity
//   with_a   how it is linked to a (relationship types)
//   with_b   how it is linked to b
MATCH (a:Entity)
WHERE a.id = $a OR toLower(a.name) = toLower($a)
   OR any(alias IN coalesce(a.aliases, []) WHERE toLower(alias) = toLower($a))
MATCH (b:Entity)
WHERE b.id = $b OR toLower(b.name) = toLower($b)
   OR any(alias IN coalesce(b.aliases, []) WHERE toLower(alias) = toLower($b))
MATCH (a)-[ra]-(x:Gene|Protein|Pathway|Hormone|Biomarker)-[rb]-(b)
WHERE a <> b
RETURN x.type AS type, x.name AS name, collect(DISTINCT type(ra)) AS with_a, collect(DISTINCT type(rb)) AS with_b
ORDER BY type, name
