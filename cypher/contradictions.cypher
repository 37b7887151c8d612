// contradictions
// Pairs the garden states both to raise and to lower one another, or both to help and to harm: what to check
// in the notes. The pairs stated by the most notes first.
//
// Parameters:
//   :param limit => 50      optional: at most this many rows
//
// Columns:
//   source     one side of the pair
//   target     the other side
//   conflict   'raises and lowers' (signed facts) or 'helps and harms' (clinical facts)
//   stated     the relationship types on each side
//   sources    the notes behind each side
//   total      how many pairs there are in all
CALL () {
  MATCH (a:Entity)-[up:ACTIVATES|INHIBITS|UPREGULATES|DOWNREGULATES|INCREASES|DECREASES|DEGRADES|PRODUCES|REGULATES|AFFECTS WHERE up.sign = 1]->(b:Entity)
  MATCH (a)-[down:ACTIVATES|INHIBITS|UPREGULATES|DOWNREGULATES|INCREASES|DECREASES|DEGRADES|PRODUCES|REGULATES|AFFECTS WHERE down.sign = -1]->(b)
  WITH a, b, up, down ORDER BY type(up), type(down)
  RETURN a, b, 'raises and lowers' AS conflict, collect(DISTINCT up) AS one, collect(DISTINCT down) AS other
  UNION ALL
  MATCH (a:Entity)-[good:TREATS|IMPROVES|PREVENTS|WORSENS|CAUSES|CONTRIBUTES_TO|INCREASES_RISK_OF WHERE good.clinical_effect = 'helps']->(b:Entity)
  MATCH (a)-[bad:TREATS|IMPROVES|PREVENTS|WORSENS|CAUSES|CONTRIBUTES_TO|INCREASES_RISK_OF WHERE bad.clinical_effect = 'harms']->(b)
  WITH a, b, good, bad ORDER BY type(good), type(bad)
  RETURN a, b, 'helps and harms' AS conflict, collect(DISTINCT good) AS one, collect(DISTINCT bad) AS other
}
WITH a, b, conflict, one, other,
     reduce(s = [], r IN one + other | s + [x IN r.sources WHERE NOT x IN s]) AS sources
ORDER BY size(sources) DESC, a.name, b.name
WITH collect({a: a, b: b, conflict: conflict, one: one, other: other, sources: sources}) AS found
UNWIND found[0..$limit] AS row
RETURN row.a.name AS source, row.b.name AS target, row.conflict AS conflict,
       [[r IN row.one | type(r)], [r IN row.other | type(r)]] AS stated, row.sources AS sources, size(found) AS total
