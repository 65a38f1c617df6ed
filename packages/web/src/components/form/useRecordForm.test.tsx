import { CreateAccountInput } from '@nenner/shared';
import { act } from 'react';
import { createRoot } from 'react-dom/client';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../api/client';
import { type RecordForm, useRecordForm, validationProblem } from './useRecordForm';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

type Values = { name: string; country: string };
const initialValues: Values = { name: 'Testwerk', country: '' };

/** Renders a bare form with the hook and hands back the latest form object. */
const mount = (error: unknown, send: (input: object) => void) => {
  const latest: { form?: RecordForm<Values, object> } = {};
  function Probe() {
    const form = useRecordForm({
      initialValues,
      toInput: (v): object => ({ ...v, country: v.country || null }),
      schema: CreateAccountInput,
      error,
    });
    latest.form = form;
    return (
      <form onSubmit={form.onSubmit(send)}>
        <input aria-label="country" {...form.field('country')} />
      </form>
    );
  }
  const host = document.createElement('div');
  document.body.append(host);
  const root = createRoot(host);
  act(() => root.render(<Probe />));
  const form = () => latest.form as RecordForm<Values, object>;
  const submit = () => act(() => host.querySelector('form')?.requestSubmit());
  const type = (value: string) => act(() => form().setFieldValue('country', value));
  return { form, submit, type, unmount: () => act(() => root.unmount()) };
};

describe('useRecordForm', () => {
  let unmount = () => {};
  afterEach(() => unmount());

  it('sends what toInput makes of valid values', () => {
    const send = vi.fn();
    const m = mount(null, send);
    unmount = m.unmount;
    m.type('DE');
    m.submit();
    expect(send).toHaveBeenCalledTimes(1);
    expect(send.mock.calls[0]?.[0]).toEqual({ name: 'Testwerk', country: 'DE' });
    expect(m.form().problem).toBeNull();
  });

  it('checks with the shared schema before sending, and explains it as the server would', () => {
    const send = vi.fn();
    const m = mount(null, send);
    unmount = m.unmount;
    m.type('Deutschland');
    m.submit();
    expect(send).not.toHaveBeenCalled();
    expect(m.form().field('country').error).toBe('Use a two-letter ISO country code, e.g. DE');
    const problem = m.form().problem;
    expect(problem).toBeInstanceOf(ApiError);
    expect((problem as ApiError).status).toBe(400);
    expect((problem as ApiError).errors).toEqual([
      { path: 'country', message: 'Use a two-letter ISO country code, e.g. DE' },
    ]);
    // the error stays until the next submit, as a server error does
    m.type('DE');
    expect(m.form().field('country').error).toBe('Use a two-letter ISO country code, e.g. DE');
    m.submit();
    expect(m.form().field('country').error).toBeUndefined();
    expect(send).toHaveBeenCalledTimes(1);
  });

  it('shows the server’s field errors on the same fields, by path and by root', () => {
    const error = new ApiError({
      status: 400,
      title: 'Bad Request',
      code: 'validation_failed',
      errors: [{ path: 'country.0', message: 'from the server' }],
    });
    const m = mount(error, vi.fn());
    unmount = m.unmount;
    expect(m.form().field('country').error).toBe('from the server');
    expect(m.form().fieldErrors).toEqual({ 'country.0': 'from the server', country: 'from the server' });
    expect(m.form().problem).toBe(error);
  });

  it('binds an input: it shows the value, and its change event sets the field', () => {
    const m = mount(null, vi.fn());
    unmount = m.unmount;
    const input = document.querySelector<HTMLInputElement>('input[aria-label="country"]');
    expect(input?.value).toBe('');
    // as a user types: React's change event reaches the field through `onChange`
    const setValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')?.set;
    act(() => {
      setValue?.call(input, 'AT');
      input?.dispatchEvent(new Event('input', { bubbles: true }));
    });
    expect(input?.value).toBe('AT');
    expect(m.form().field('country')).toMatchObject({ value: 'AT', disabled: false, error: undefined });
  });
});

describe('useRecordForm: checkboxes and a failed check', () => {
  it('binds a checkbox by `checked`, and its change event sets the field', () => {
    const latest: { form?: RecordForm<{ shared: boolean }> } = {};
    function Probe() {
      const form = useRecordForm({ initialValues: { shared: false }, error: null });
      latest.form = form;
      return <input type="checkbox" aria-label="shared" {...form.checkbox('shared')} />;
    }
    const host = document.createElement('div');
    document.body.append(host);
    const root = createRoot(host);
    act(() => root.render(<Probe />));
    const box = host.querySelector<HTMLInputElement>('input[aria-label="shared"]');
    expect(box?.checked).toBe(false);
    act(() => box?.click());
    expect(box?.checked).toBe(true);
    expect(latest.form?.values.shared).toBe(true);
    act(() => root.unmount());
  });

  it('reads a failed check as the server’s 400 answer', () => {
    const problem = validationProblem({ slug: 'Lower-case letters, digits and dashes' });
    expect(problem).toBeInstanceOf(ApiError);
    expect(problem.status).toBe(400);
    expect(problem.code).toBe('validation_failed');
    expect(problem.errors).toEqual([{ path: 'slug', message: 'Lower-case letters, digits and dashes' }]);
  });
});
