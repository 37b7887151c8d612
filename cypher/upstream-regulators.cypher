// upstream-regulators
// What activates or inhibits an entity or pathway, directly and through up to max_hops steps (at most 6).
//
// Parameters:
//   :param name => 'Autophagy'
//   :param max_hops => 3
//
// Columns:
//   name     the regulator
//   type     its entity type
//   effect   'activates' or 'inhibits': the net sign of its shortest path (the product of the edge signs)
//   hops     the length of that path
//   path     that path, written out
//   paths    how many signed paths of at most max_hops lead from it to the target
MATCH (target:Entity)
WHERE target.id = $name OR toLower(target.name) = toLower($name)
   OR any(alias IN coalesce(target.aliases, []) WHERE toLower(alias) = toLower($name))
MATCH p = (regulator:Entity)(()-[step WHERE step.sign IS NOT NULL]->()){1,6}(target)
WHERE length(p) <= $max_hops AND regulator <> target
WITH regulator, p, reduce(sign = 1, r IN relationships(p) | sign * r.sign) AS sign
ORDER BY length(p), sign DESC
WITH regulator, collect({hops: length(p), sign: sign, path: p})[0] AS best, count(p) AS paths
RETURN regulator.name AS name, regulator.type AS type,
       CASE best.sign WHEN 1 THEN 'activates' ELSE 'inhibits' END AS effect,
       best.hops AS hops,
       reduce(text = nodes(best.path)[0].name, i IN range(0, best.hops - 1) |
              text + ' -' + type(relationships(best.path)[i]) + '-> ' + nodes(best.path)[i + 1].name) AS path,
       paths
ORDER BY hops, name
