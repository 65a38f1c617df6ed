import { IdParams, pageOf } from '../schemas/common.js';
import { CreateTaskInput, ListTasksQuery, Task, UpdateTaskInput } from '../schemas/deals.js';
import { endpoint } from './endpoint.js';

const tag = 'tasks';

export const taskEndpoints = {
  listTasks: endpoint({
    method: 'GET',
    path: '/api/tasks',
    tag,
    summary: 'Tasks: overdue first, then by due date; ownerId=me is "My tasks"',
    query: ListTasksQuery,
    response: pageOf(Task),
    action: 'tasks.read',
  }),
  createTask: endpoint({
    method: 'POST',
    path: '/api/tasks',
    tag,
    summary: 'Create a task (owner defaults to the caller), optionally linked to an account, contact or deal',
    body: CreateTaskInput,
    response: Task,
    status: 201,
    action: 'tasks.write',
  }),
  updateTask: endpoint({
    method: 'PATCH',
    path: '/api/tasks/:id',
    tag,
    summary: 'Edit a task: owner, due date, reminder, status (If-Match: "<version>" required)',
    params: IdParams,
    body: UpdateTaskInput,
    response: Task,
    ifMatch: true,
    action: 'tasks.write',
  }),
};
