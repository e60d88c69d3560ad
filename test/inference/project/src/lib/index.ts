// @ts-nocheck -- the project's packages are not installed in this repository
export * from './format';
export * from './config';
export { createMailer, createShippingClient, marketing } from './clients';
export { default as toCsvRow } from './format';
