import { contract } from '@nenner/shared';
import { useEndpoint } from '../../api/endpoints';

/** The team with its members by department and how much it owns. */
export const useTeamPage = (id: string) => useEndpoint(contract.getTeam, { params: { id } });

/** The coverage of account pairs, of everyone or of one team. */
export const useAccountCoverage = (teamId?: string) =>
  useEndpoint(contract.accountCoverage, { query: teamId ? { teamId } : {} });
