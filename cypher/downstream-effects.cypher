// downstream-effects
// What an entity raises or lowers: every entity a path of signed facts of at most max_hops steps leads to,
// with the net sign of the shortest paths ('mixed' when they disagree; making something counts as raising
// it), and the conditions it is stated to help or harm directly. Nearest first, then by support.
//
// Parameters:
//   :param name => 'IGF-1'
//   :param max_hops => 2    optional, 1 to 5: the longest path; Browser stops at the 2 written in {1,2}
//   :param limit => 50      optional: at most this many rows
//
// Columns:
//   name     the entity affected
//   type     its entity type
//   effect   'increases', 'decreases' or 'mixed' along signed facts; 'helps' or 'harms' for a condition
//            the entity treats, prevents, causes or raises the risk of (stated directly, never inferred)
//   hops     the number of steps of the shortest paths
//   paths    how many shortest paths lead to it (parallel facts counted once)
//   path     the best supported of them, written out
//   total    how many entities there are in all
CALL db.index.fulltext.queryNodes('entity_keys', '"' + reduce(k = '', c IN [c IN split(replace(toLower(normalize($name, NFKC)), 'ς', 'σ'), '')
     WHERE NOT ' \t\n\r_-‐‑‒–—―"\\' CONTAINS c] | k + c) + '"') YIELD node AS source
CALL (source) {
  MATCH p = ALL SHORTEST (source)(()-[s:ACTIVATES|INHIBITS|UPREGULATES|DOWNREGULATES|INCREASES|DECREASES|DEGRADES|PRODUCES|REGULATES|AFFECTS WHERE s.sign IS NOT NULL]->()){1,2}(affected:Entity)
  WHERE length(p) <= $max_hops AND affected <> source
  // A shortest path's sign is the product of its steps. Facts that join the same two entities are one step,
  // so the paths through the same entities are one path; and one with a step stated both ways is both signs.
  WITH affected, length(p) AS hops, collect(DISTINCT reduce(sign = 1, s IN relationships(p) | sign * s.sign)) AS signs,
       count(DISTINCT nodes(p)) AS paths
  RETURN affected, hops, paths, CASE signs WHEN [1] THEN 'increases' WHEN [-1] THEN 'decreases' ELSE 'mixed' END AS effect
  UNION
  // A clinical fact is an answer of its own, never a step that a sign is carried through.
  MATCH (source)-[c:TREATS|IMPROVES|PREVENTS|WORSENS|CAUSES|CONTRIBUTES_TO|INCREASES_RISK_OF WHERE c.clinical_effect IS NOT NULL]->(affected:Entity)
  WITH affected, collect(DISTINCT c.clinical_effect) AS effects
  RETURN affected, 1 AS hops, 1 AS paths, CASE effects WHEN ['helps'] THEN 'helps' WHEN ['harms'] THEN 'harms' ELSE 'mixed' END AS effect
}
WITH source, affected, effect, hops, paths
ORDER BY hops, paths DESC, affected.name, effect
WITH collect({source: source, affected: affected, effect: effect, hops: hops, paths: paths}) AS found
UNWIND found[0..$limit] AS row
// The path shown: of the shortest paths, the one the most notes state (only for the rows shown).
OPTIONAL CALL (row) {
  WITH row.source AS source, row.affected AS affected WHERE row.effect IN ['helps', 'harms']
  MATCH (source)-[c:TREATS|IMPROVES|PREVENTS|WORSENS|CAUSES|CONTRIBUTES_TO|INCREASES_RISK_OF WHERE c.clinical_effect IS NOT NULL]->(affected)
  WITH source, affected, c ORDER BY type(c)
  WITH source, affected, collect(type(c)) AS types
  RETURN source.name + ' -' + reduce(t = types[0], x IN tail(types) | t + '|' + x) + '-> ' + affected.name AS path
  UNION
  WITH row.source AS source, row.affected AS affected WHERE NOT row.effect IN ['helps', 'harms']
  MATCH p = ALL SHORTEST (source)(()-[s:ACTIVATES|INHIBITS|UPREGULATES|DOWNREGULATES|INCREASES|DECREASES|DEGRADES|PRODUCES|REGULATES|AFFECTS WHERE s.sign IS NOT NULL]->()){1,2}(affected)
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
RETURN row.affected.name AS name, row.affected.type AS type, row.effect AS effect, row.hops AS hops,
       row.paths AS paths, path, size(found) AS total
