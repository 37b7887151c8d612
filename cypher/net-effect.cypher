// net-effect
// The net effect of a on b: every activating/inhibiting path of at most max_hops steps (at most 6), the sign
// of each (the product of its edge signs: IGF-1 activates mTOR, mTOR inhibits autophagy, so IGF-1 lowers
// autophagy), and the verdict.
//
// Parameters:
//   :param a => 'IGF-1'
//   :param b => 'Autophagy'
//   :param max_hops => 3
//
// Columns:
//   a            the first entity
//   b            the second entity
//   verdict      'increases' (every path activates), 'decreases' (every path inhibits), 'mixed' or 'no path'
//   paths_up     how many paths have a positive sign
//   paths_down   how many paths have a negative sign
//   paths        each path written out, with its sign
MATCH (a:Entity)
WHERE a.id = $a OR toLower(a.name) = toLower($a)
   OR any(alias IN coalesce(a.aliases, []) WHERE toLower(alias) = toLower($a))
MATCH (b:Entity)
WHERE b.id = $b OR toLower(b.name) = toLower($b)
   OR any(alias IN coalesce(b.aliases, []) WHERE toLower(alias) = toLower($b))
OPTIONAL MATCH p = (a)(()-[step WHERE step.sign IS NOT NULL]->()){1,6}(b)
WHERE length(p) <= $max_hops
WITH a, b, p, reduce(sign = 1, r IN relationships(p) | sign * r.sign) AS sign
ORDER BY length(p)
WITH a, b,
     [x IN collect({sign: sign, path: p}) WHERE x.path IS NOT NULL] AS found
WITH a, b, found,
     size([x IN found WHERE x.sign = 1]) AS up,
     size([x IN found WHERE x.sign = -1]) AS down
RETURN a.name AS a, b.name AS b,
       CASE WHEN up + down = 0 THEN 'no path' WHEN down = 0 THEN 'increases' WHEN up = 0 THEN 'decreases' ELSE 'mixed' END AS verdict,
       up AS paths_up, down AS paths_down,
       [x IN found | CASE x.sign WHEN 1 THEN '(+) ' ELSE '(-) ' END +
          reduce(text = nodes(x.path)[0].name, i IN range(0, length(x.path) - 1) |
                 text + ' -' + type(relationships(x.path)[i]) + '-> ' + nodes(x.path)[i + 1].name)] AS paths
