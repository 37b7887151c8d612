// net-effect
// The net effect of a on b: every path of signed facts from a to b (at most max_hops steps, no entity
// visited twice, parallel facts between two entities counted as one step), the sign of each (the product
// of its steps: IGF-1 activates mTOR, mTOR inhibits autophagy, so IGF-1 lowers autophagy), and a verdict
// that the shortest paths decide: longer paths are listed and counted, and can only agree or disagree.
//
// Parameters:
//   :param a => 'IGF-1'
//   :param b => 'Autophagy'
//   :param max_hops => 3    optional, 1 to 5: the longest path; Browser stops at the 3 written in {1,3}
//   :param limit => 20      optional: at most this many paths listed
//
// Columns:
//   a            the first entity
//   b            the second entity
//   verdict      'increases' or 'decreases' when the shortest paths agree, 'mixed' when they do not,
//                'no path' when there is none
//   direct       what a states directly of b: 'increases', 'decreases', 'both', or nothing
//   shortest     the number of steps of the shortest paths
//   paths_up     how many paths raise b (the product of their signs is +1)
//   paths_down   how many paths lower b
//   paths_both   how many paths pass a step that the garden states both ways
//   by_length    the paths counted by their number of steps
//   paths        the paths written out, shortest first, each with its sign: (+), (-) or (+/-)
//   paths_total  how many paths there are in all (`paths` lists the first `limit`)
CALL db.index.fulltext.queryNodes('entity_keys', '"' + reduce(k = '', c IN [c IN split(replace(toLower(normalize($a, NFKC)), 'ς', 'σ'), '')
     WHERE NOT ' \t\n\r_-‐‑‒–—―"\\' CONTAINS c] | k + c) + '"') YIELD node AS a
CALL db.index.fulltext.queryNodes('entity_keys', '"' + reduce(k = '', c IN [c IN split(replace(toLower(normalize($b, NFKC)), 'ς', 'σ'), '')
     WHERE NOT ' \t\n\r_-‐‑‒–—―"\\' CONTAINS c] | k + c) + '"') YIELD node AS b
WITH a, b WHERE a <> b
CALL (a, b) {
  MATCH p = (a)(()-[s:ACTIVATES|INHIBITS|UPREGULATES|DOWNREGULATES|INCREASES|DECREASES|DEGRADES|PRODUCES|REGULATES|AFFECTS WHERE s.sign IS NOT NULL]->()){1,3}(b)
  WHERE length(p) <= $max_hops AND all(i IN range(0, length(p) - 1) WHERE NOT nodes(p)[i] IN nodes(p)[i + 1..])
  // Facts that join the same two entities are one step: the paths through the same entities are one path.
  WITH p ORDER BY [s IN relationships(p) | type(s)]  // parallel facts listed in one order
  WITH nodes(p) AS route, collect(p) AS variants
  WITH route, variants, [v IN variants | reduce(sign = 1, s IN relationships(v) | sign * s.sign)] AS signs
  WITH route, size(route) - 1 AS hops,
       CASE WHEN all(x IN signs WHERE x = signs[0]) THEN signs[0] ELSE 0 END AS sign,
       [i IN range(0, size(route) - 2) | reduce(types = [], v IN variants |
          types + [t IN [type(relationships(v)[i])] WHERE NOT t IN types])] AS steps
  ORDER BY hops, reduce(text = '', n IN route | text + n.name + ' ')
  RETURN collect({hops: hops, sign: sign, text: CASE sign WHEN 1 THEN '(+) ' WHEN -1 THEN '(-) ' ELSE '(+/-) ' END +
           reduce(text = route[0].name, i IN range(0, hops - 1) |
                  text + ' -' + reduce(t = steps[i][0], x IN tail(steps[i]) | t + '|' + x) + '-> ' + route[i + 1].name)}) AS paths
}
WITH a, b, paths, [x IN paths WHERE x.hops = paths[0].hops] AS shortest, [x IN paths WHERE x.hops = 1] AS direct
RETURN a.name AS a, b.name AS b,
       CASE WHEN size(paths) = 0 THEN 'no path'
            WHEN all(x IN shortest WHERE x.sign = 1) THEN 'increases'
            WHEN all(x IN shortest WHERE x.sign = -1) THEN 'decreases'
            ELSE 'mixed' END AS verdict,
       CASE WHEN size(direct) = 0 THEN null WHEN direct[0].sign = 1 THEN 'increases'
            WHEN direct[0].sign = -1 THEN 'decreases' ELSE 'both' END AS direct,
       paths[0].hops AS shortest,
       size([x IN paths WHERE x.sign = 1]) AS paths_up,
       size([x IN paths WHERE x.sign = -1]) AS paths_down,
       size([x IN paths WHERE x.sign = 0]) AS paths_both,
       [h IN range(1, 5) WHERE any(x IN paths WHERE x.hops = h) |
          h + (CASE h WHEN 1 THEN ' step: ' ELSE ' steps: ' END) + size([x IN paths WHERE x.hops = h AND x.sign = 1]) + ' up, '
          + size([x IN paths WHERE x.hops = h AND x.sign = -1]) + ' down'
          + (CASE WHEN any(x IN paths WHERE x.hops = h AND x.sign = 0) THEN ', '
               + size([x IN paths WHERE x.hops = h AND x.sign = 0]) + ' both' ELSE '' END)] AS by_length,
       [x IN paths | x.text][0..$limit] AS paths,
       size(paths) AS paths_total
ORDER BY a, b
