# Stand-in: version and dependencies of Odoo 17.0's web module (addons/web/__manifest__.py).
{
    'name': 'Web',
    'version': '1.0',
    'category': 'Hidden',
    'depends': ['base'],
    'auto_install': True,
    'license': 'LGPL-3',
}
