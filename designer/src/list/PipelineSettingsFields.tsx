/** Where a pipeline is listed in the workspace and which roles see every record: in the new-pipeline dialog and the editor. */
import type { Role } from '../app/session.js';
import { ROLES } from '../admin/users-api.js';
import { useChangesText } from '../editor/changes/useChangesText.js';
import { useNavigationGroups } from '../workspace/useNavigationGroups.js';

export interface PipelineSettingsFieldsProps {
  group: string;
  seeAll: string[];
  onGroup: (group: string) => void;
  onSeeAll: (roles: string[]) => void;
}

export function PipelineSettingsFields({ group, seeAll, onGroup, onSeeAll }: PipelineSettingsFieldsProps) {
  const { c, t, label } = useChangesText();
  const groups = (useNavigationGroups() ?? []).filter((g) => g.id !== 'other');
  const roles = ROLES.filter((r): r is Exclude<Role, 'admin'> => r !== 'admin');
  return (
    <>
      <label className="form-field">
        <span>{c('new.group')}</span>
        <select value={group} onChange={(e) => onGroup(e.target.value)}>
          <option value="">{c('new.groupOther')}</option>
          {groups.map((g) => (
            <option key={g.id} value={g.id}>
              {label(g.labels, g.id)}
            </option>
          ))}
        </select>
      </label>
      <fieldset className="form-group role-row">
        <legend>{c('new.seeAll')}</legend>
        {roles.map((role) => (
          <label key={role} className="form-check">
            <input
              type="checkbox"
              checked={seeAll.includes(role)}
              onChange={(e) => onSeeAll(roles.filter((r) => (r === role ? e.target.checked : seeAll.includes(r))))}
            />
            <span>{t(`role.${role}`)}</span>
          </label>
        ))}
        <span className="hint role-row-hint">{c('new.seeAllHint')}</span>
      </fieldset>
    </>
  );
}
