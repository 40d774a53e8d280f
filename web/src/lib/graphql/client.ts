import { Client, cacheExchange, fetchExchange } from '@urql/core';
import { getLocale } from '$lib/paraglide/runtime.js';

/**
 * The one GraphQL client. The session lives in an httpOnly cookie on the same origin,
 * and the chosen language goes out as Accept-Language so that the server's error
 * messages come back in it.
 */
export const client = new Client({
	url: '/graphql',
	exchanges: [cacheExchange, fetchExchange],
	// POST with a JSON body: Apollo Server's CSRF protection refuses plain GET queries.
	preferGetMethod: false,
	fetchOptions: () => ({
		credentials: 'same-origin',
		headers: { 'Accept-Language': getLocale() }
	})
});
