export { DateField, type DateFieldProps } from './DateField';
export { DateTimeField, type DateTimeFieldProps } from './DateTimeField';
export { HolidayListField } from './HolidayListField';
export { MoneyField, type MoneyFieldProps } from './MoneyField';
export { type Period, PeriodFields } from './PeriodFields';
export { TimeField, type TimeFieldProps } from './TimeField';
export { useUserTimeZone } from './useUserTimeZone';
