/** English texts of the start page "My day" and of the page for an address that does not exist. */
export const enHome = {
  myDay: {
    leads: 'My leads',
    leadsEmpty: 'No open leads. New handoffs show up here with their response time.',
    toInbox: 'Go to inbox',
    tasks: 'My tasks',
    allTasks: 'All tasks',
    staleDeals: 'Stale deals',
    staleEmpty: 'None of your deals has sat in its stage for too long.',
    allDeals: 'All deals',
    returned: 'Returned leads',
    toReturned: 'All returned',
    campaigns: 'My active campaigns',
    campaignsEmpty: 'You have no active campaign right now.',
    allCampaigns: 'All campaigns',
    commitment: 'Handoffs to sales this quarter',
    commitmentOf: '{{value}} of {{committed}} committed',
    toContribution: 'Go to contribution report',
  },
  notFound: {
    title: 'This page does not exist',
    body: 'The address {{path}} leads nowhere. Perhaps a typo slipped in, or the link is out of date.',
    home: 'Go to start page',
    back: 'Back',
  },
};
