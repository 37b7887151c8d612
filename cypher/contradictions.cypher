// contradictions
// Pairs the garden states both to activate and to inhibit one another, or both to treat and to worsen.
//
// Parameters: none
//
// Columns:
//   source     one side of the pair
//   target     the other side
//   conflict         'activates and inhibits' or 'treats and worsens'
//   stated           the two relationship types
//   sources          the notes behind each side
MATCH (a:Entity)-[up]->(b:Entity), (a)-[down]->(b)
WHERE up.sign = 1 AND down.sign = -1
RETURN a.name AS source, b.name AS target, 'activates and inhibits' AS conflict,
       [type(up), type(down)] AS stated, up.sources + down.sources AS sources
UNION ALL
MATCH (a:Entity)-[good:TREATS|IMPROVES|PREVENTS]->(b:Entity), (a)-[bad:WORSENS]->(b)
RETURN a.name AS source, b.name AS target, 'treats and worsens' AS conflict,
       [type(good), type(bad)] AS stated, good.sources + bad.sources AS sources
