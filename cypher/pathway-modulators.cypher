// pathway-modulators
// What modulates a pathway: drugs, supplements, interventions and hormones acting on it or on its members.
//
// Parameters:
//   :param name => 'mTOR Pathway'
//
// Columns:
//   name        the modulator
//   type        drug, supplement, intervention or hormone
//   acts_on     the pathway itself or the member it acts on
//   effect      the relationship type of its action (ACTIVATES, INHIBITS, REGULATES, ...)
//   mechanism   the path from the modulator to the pathway, written out
MATCH (pathway:Entity)
WHERE pathway.id = $name OR toLower(pathway.name) = toLower($name)
   OR any(alias IN coalesce(pathway.aliases, []) WHERE toLower(alias) = toLower($name))
CALL (pathway) {
  MATCH (x:Drug|Supplement|Intervention|Hormone)-[act]->(pathway)
  WHERE NOT type(act) IN ['RELATED_TO', 'PARTICIPATES_IN', 'PART_OF']
  RETURN x, pathway AS target, act, x.name + ' -' + type(act) + '-> ' + pathway.name AS mechanism
  UNION
  MATCH (x:Drug|Supplement|Intervention|Hormone)-[act]->(member:Entity)-[part:PARTICIPATES_IN|PART_OF]->(pathway)
  WHERE NOT type(act) IN ['RELATED_TO', 'PARTICIPATES_IN', 'PART_OF']
  RETURN x, member AS target, act,
         x.name + ' -' + type(act) + '-> ' + member.name + ' -' + type(part) + '-> ' + pathway.name AS mechanism
}
RETURN x.name AS name, x.type AS type, target.name AS acts_on, type(act) AS effect, mechanism
ORDER BY type, name, acts_on
