import { useTranslation } from 'react-i18next';
import type { SchoolUnitsResponse } from '@shared/schemas/reports';

interface UnitGroupFilterProps {
  units: SchoolUnitsResponse | null;
  schoolUnitId: string;
  groupId?: string;
  onSchoolUnitChange: (id: string) => void;
  /** Leave out to show only the school unit select. */
  onGroupChange?: (id: string) => void;
}

/** School unit select and (optionally) a group select limited to the chosen unit. */
export function UnitGroupFilter({
  units,
  schoolUnitId,
  groupId = '',
  onSchoolUnitChange,
  onGroupChange,
}: UnitGroupFilterProps) {
  const { t } = useTranslation();
  const groups = (units?.groups ?? [])
    .filter((group) => !schoolUnitId || group.schoolUnitId === schoolUnitId)
    .sort((a, b) => a.name.localeCompare(b.name, 'sv', { numeric: true }));
  return (
    <>
      <div className="field">
        <label htmlFor="filter-unit">{t('filters.schoolUnit')}</label>
        <select id="filter-unit" value={schoolUnitId} onChange={(event) => onSchoolUnitChange(event.target.value)}>
          <option value="">{t('filters.allSchoolUnits')}</option>
          {(units?.schoolUnits ?? []).map((unit) => (
            <option key={unit.id} value={unit.id}>
              {unit.name}
            </option>
          ))}
        </select>
      </div>
      {onGroupChange && (
        <div className="field">
          <label htmlFor="filter-group">{t('filters.group')}</label>
          <select id="filter-group" value={groupId} onChange={(event) => onGroupChange(event.target.value)}>
            <option value="">{t('filters.allGroups')}</option>
            {groups.map((group) => (
              <option key={group.id} value={group.id}>
                {group.name}
              </option>
            ))}
          </select>
        </div>
      )}
    </>
  );
}
