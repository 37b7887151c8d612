// upstream-regulators
// What raises or lowers an entity: every entity with a path of signed facts to it of at most max_hops steps,
// with the net sign of its shortest paths (the product of their steps), 'mixed' when those disagree.
// Nearest first, then by how many shortest paths support it.
//
// Parameters:
//   :param name => 'Autophagy'
//   :param max_hops => 3    optional, 1 to 5: the longest path; Browser stops at the 3 written in {1,3}
//   :param limit => 50      optional: at most this many rows
//
// Columns:
//   name     the regulator
//   type     its entity type
//   effect   'increases' or 'decreases' when its shortest paths agree, 'mixed' when they do not
//   hops     the number of steps of its shortest paths
//   paths    how many shortest paths lead from it to the entity (parallel facts counted once)
//   path     the best supported of them, written out
//   total    how many regulators there are in all
CALL db.index.fulltext.queryNodes('entity_keys', '"' + reduce(k = '', c IN [c IN split(replace(toLower(normalize($name, NFKC)), 'ς', 'σ'), '')
     WHERE NOT ' \t\n\r_-‐‑‒–—―"\\' CONTAINS c] | k + c) + '"') YIELD node AS target
MATCH p = ALL SHORTEST (regulator:Entity)(()-[s:ACTIVATES|INHIBITS|UPREGULATES|DOWNREGULATES|INCREASES|DECREASES|DEGRADES|PRODUCES|REGULATES|AFFECTS WHERE s.sign IS NOT NULL]->()){1,3}(target)
WHERE length(p) <= $max_hops AND regulator <> target
// A shortest path's sign is the product of its steps. Facts that join the same two entities are one step,
// so the paths through the same entities are one path; and one with a step stated both ways is both signs.
WITH target, regulator, length(p) AS hops, collect(DISTINCT reduce(sign = 1, s IN relationships(p) | sign * s.sign)) AS signs,
     count(DISTINCT nodes(p)) AS paths
ORDER BY hops, paths DESC, regulator.name
WITH collect({target: target, regulator: regulator, hops: hops, signs: signs, paths: paths}) AS found
UNWIND found[0..$limit] AS row
// The path shown: of the shortest paths, the one the most notes state (only for the rows shown).
CALL (row) {
  WITH row.regulator AS regulator, row.target AS target
  MATCH p = ALL SHORTEST (regulator)(()-[s:ACTIVATES|INHIBITS|UPREGULATES|DOWNREGULATES|INCREASES|DECREASES|DEGRADES|PRODUCES|REGULATES|AFFECTS WHERE s.sign IS NOT NULL]->()){1,3}(target)
  WITH p ORDER BY [s IN relationships(p) | type(s)]  // parallel facts listed in one order
  WITH nodes(p) AS route, collect(p) AS variants
  WITH route, reduce(n = 0, v IN variants | n + reduce(m = 0, s IN relationships(v) | m + size(s.sources))) AS support,
       [i IN range(0, size(route) - 2) | reduce(types = [], v IN variants |
          types + [t IN [type(relationships(v)[i])] WHERE NOT t IN types])] AS steps
  ORDER BY support DESC, reduce(text = '', n IN route | text + n.name + ' ')
  RETURN reduce(text = route[0].name, i IN range(0, size(route) - 2) |
                text + ' -' + reduce(t = steps[i][0], x IN tail(steps[i]) | t + '|' + x) + '-> ' + route[i + 1].name) AS path
  LIMIT 1
}
RETURN row.regulator.name AS name, row.regulator.type AS type,
       CASE row.signs WHEN [1] THEN 'increases' WHEN [-1] THEN 'decreases' ELSE 'mixed' END AS effect,
       row.hops AS hops, row.paths AS paths, path, size(found) AS total
