import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';

/** A team's name that opens its page. */
export function TeamLink({ team }: { team: { id: string; name: string } }) {
  const { t } = useTranslation();
  return (
    <Link
      to="/teams/$teamId"
      params={{ teamId: team.id }}
      className="nenner-link"
      aria-label={t('teams.open', { name: team.name })}
    >
      {team.name}
    </Link>
  );
}
