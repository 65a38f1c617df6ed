import {
  CreateDashboardInput,
  Dashboard,
  DashboardIdParams,
  DashboardList,
  UpdateDashboardInput,
} from '../schemas/dashboards.js';
import { endpoint } from './endpoint.js';

const tag = 'dashboards';

export const dashboardEndpoints = {
  listDashboards: endpoint({
    method: 'GET',
    path: '/api/dashboards',
    tag,
    summary: 'The built-in default dashboard, then mine, then those others share',
    response: DashboardList,
    action: 'dashboards.read',
  }),
  createDashboard: endpoint({
    method: 'POST',
    path: '/api/dashboards',
    tag,
    summary: 'Create a dashboard of up to 12 widgets, owned by the caller',
    body: CreateDashboardInput,
    response: Dashboard,
    status: 201,
    action: 'dashboards.create',
  }),
  getDashboard: endpoint({
    method: 'GET',
    path: '/api/dashboards/:id',
    tag,
    summary: 'One dashboard (`default` is the built-in one); others’ private dashboards are not found',
    params: DashboardIdParams,
    response: Dashboard,
    action: 'dashboards.read',
  }),
  updateDashboard: endpoint({
    method: 'PATCH',
    path: '/api/dashboards/:id',
    tag,
    summary: 'Rename, rearrange or share a dashboard (owner, admins; If-Match: "<version>" required)',
    params: DashboardIdParams,
    body: UpdateDashboardInput,
    response: Dashboard,
    ifMatch: true,
    action: 'dashboards.edit',
  }),
  deleteDashboard: endpoint({
    method: 'DELETE',
    path: '/api/dashboards/:id',
    tag,
    summary: 'Delete a dashboard (owner, admins)',
    params: DashboardIdParams,
    action: 'dashboards.edit',
  }),
};
