// downstream-effects
// What an entity activates, inhibits, produces or affects, directly and through up to max_hops steps (at most 6).
//
// Parameters:
//   :param name => 'IGF-1'
//   :param max_hops => 2
//
// Columns:
//   name     the entity affected
//   type     its entity type
//   effect   'activates' or 'inhibits' when every step is signed (the product of the signs),
//            'produces' when the last step is PRODUCES, else 'affects'
//   hops     the length of the shortest such path
//   path     that path, written out
MATCH (source:Entity)
WHERE source.id = $name OR toLower(source.name) = toLower($name)
   OR any(alias IN coalesce(source.aliases, []) WHERE toLower(alias) = toLower($name))
MATCH p = (source)(()-[step WHERE step.sign IS NOT NULL
                          OR type(step) IN ['PRODUCES', 'AFFECTS', 'AFFECTS_ORGAN', 'REGULATES', 'CAUSES']]->()){1,6}(affected:Entity)
WHERE length(p) <= $max_hops AND affected <> source
WITH affected, p, relationships(p) AS steps
WITH affected, p,
     CASE WHEN all(s IN steps WHERE s.sign IS NOT NULL)
            THEN CASE reduce(sign = 1, s IN steps | sign * s.sign) WHEN 1 THEN 'activates' ELSE 'inhibits' END
          WHEN type(last(steps)) = 'PRODUCES' THEN 'produces'
          ELSE 'affects' END AS effect
ORDER BY length(p)
WITH affected, collect({hops: length(p), effect: effect, path: p})[0] AS best
RETURN affected.name AS name, affected.type AS type, best.effect AS effect, best.hops AS hops,
       reduce(text = nodes(best.path)[0].name, i IN range(0, best.hops - 1) |
              text + ' -' + type(relationships(best.path)[i]) + '-> ' + nodes(best.path)[i + 1].name) AS path
ORDER BY hops, name
